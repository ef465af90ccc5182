// The print button of the poster and the guide (a file: the CSP forbids inline scripts).
document.getElementById("print-button")?.addEventListener("click", () => window.print());
