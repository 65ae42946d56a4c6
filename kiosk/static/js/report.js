// The report's A4 page: its button prints the page (the kiosk's browser prints without a dialog).
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});
