// Runs first thing in <body> (a file, not an inline script, so the CSP needs no exception): tells GOV.UK Frontend's
// CSS that JavaScript components will be initialised, as its template's inline snippet does.
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
