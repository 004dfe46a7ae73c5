// The network view's drawing (pages/templates/staff/network.html): the nodes and links of the
// page's tables, fetched as JSON from the same address the page was asked with, drawn with
// Cytoscape.js. The tables stay below it: they are what keyboard and screen reader users read,
// and what a browser without JavaScript shows. Selecting a node opens the network around it.
import cytoscape from 'cytoscape';

// GOV.UK Frontend's palette, one colour a kind of node (the legend in the page uses the same).
const COLOURS = {
  Account: '#1d70b8',
  Report: '#505a5f',
  Content: '#f47738',
  ContentCluster: '#b58840',
  Case: '#00703c',
  Person: '#d4351c',
  Email: '#4c2c92',
  Phone: '#912b88',
  IpAddress: '#28a197',
};

function elements(view) {
  const nodes = view.nodes.map((node) => ({
    data: {
      id: node.key,
      name: node.id,
      kind: node.label,
      distance: node.distance,
      opens: node.opens,
    },
  }));
  const edges = view.edges.map((edge, n) => ({
    data: { id: `link-${n}`, source: edge.source, target: edge.target, type: edge.type },
  }));
  return [...nodes, ...edges];
}

async function draw(box) {
  const response = await fetch(box.dataset.networkSource, {
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
  });
  if (!response.ok) {
    throw new Error(`the network's JSON: ${response.status}`);
  }
  const view = await response.json();
  box.hidden = false;
  const farthest = Math.max(0, ...view.nodes.map((node) => node.distance));
  const graph = cytoscape({
    container: box.querySelector('[data-network-canvas]'),
    elements: elements(view),
    style: [
      {
        selector: 'node',
        style: {
          'background-color': (node) => COLOURS[node.data('kind')] || '#0b0c0c',
          label: 'data(name)',
          color: '#0b0c0c',
          'font-family': 'arial, sans-serif',
          'font-size': 10,
          'text-valign': 'bottom',
          'text-margin-y': 4,
          'text-max-width': 140,
          'text-wrap': 'ellipsis',
        },
      },
      {
        selector: 'node[distance = 0]',
        style: { width: 40, height: 40, 'border-width': 4, 'border-color': '#0b0c0c' },
      },
      {
        selector: 'edge',
        style: {
          width: 1.5,
          'line-color': '#b1b4b6',
          'target-arrow-color': '#b1b4b6',
          'target-arrow-shape': 'triangle',
          'curve-style': 'bezier',
          label: 'data(type)',
          color: '#505a5f',
          'font-family': 'arial, sans-serif',
          'font-size': 7,
          'text-rotation': 'autorotate',
        },
      },
    ],
    // The entity in the middle, each ring a step further out.
    layout: {
      name: 'concentric',
      concentric: (node) => farthest - node.data('distance') + 1,
      levelWidth: () => 1,
      minNodeSpacing: 30,
      animate: false,
    },
  });
  graph.on('tap', 'node', (event) => {
    const opens = event.target.data('opens');
    if (opens) {
      window.location.assign(opens);
    }
  });
  box.dataset.networkDrawn = String(graph.nodes().length);
}

const box = document.querySelector('[data-network-source]');
if (box) {
  draw(box).catch((error) => {
    box.hidden = true; // the tables say it all
    console.warn(error);
  });
}
