// Run at the start of <body> (a file, not inline, so the pages' CSP needs no 'unsafe-inline'):
// marks the page as having JavaScript, as GOV.UK Frontend's own template does inline.
document.body.className +=
  ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
