// Mounts GraphiQL (development only, GET /graphql) from the hub's own assets: no CDN.
// Sign in as in development: add a header {"Authorization": "Bearer dev-analyst"} (or
// dev:<role>:<user>[:<force code>]) in the Headers pane.
const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
const root = ReactDOM.createRoot(document.getElementById('graphiql'));
root.render(
  React.createElement(GraphiQL, {
    fetcher,
    defaultQuery: '{\n  forces {\n    ... on ForceList {\n      forces {\n        code\n        name\n      }\n    }\n  }\n}\n',
    defaultEditorToolsVisibility: true,
  }),
);
