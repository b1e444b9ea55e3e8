// Rehabplan's small client-side additions. htmx handles partial page updates.
document.addEventListener("DOMContentLoaded", function () {
  // DKFDS's components: the mobile menu (button, drawer, focus trap, Escape) and the data-title
  // each cell of a responsive table shows as its label when the row is stacked on a phone.
  if (window.DKFDS && typeof window.DKFDS.init === "function") {
    window.DKFDS.init();
  }
  // Move focus to the error summary so screen reader and keyboard users hear it first.
  var summary = document.getElementById("form-errors");
  if (summary) {
    summary.focus();
  }
});
document.body && document.body.addEventListener("htmx:configRequest", function (event) {
  var token = document.querySelector("input[name=csrfmiddlewaretoken]");
  if (token) {
    event.detail.headers["X-CSRFToken"] = token.value;
  }
  // Polling ("every 2s") is the page working by itself, not the user: it must not keep the
  // session alive (see rehabplan.web.security.session_timeout).
  var trigger = event.detail.elt && event.detail.elt.getAttribute("hx-trigger");
  if (trigger && /(^|,)\s*every\s/.test(trigger)) {
    event.detail.headers["X-Rehabplan-Background"] = "1";
  }
});
// FSIII screen: ticking "Hele området er ikke relevant" shows 9 in the area's dropdowns at once.
// The server sets the same levels on saving, so the page works without this script too.
document.addEventListener("change", function (event) {
  var box = event.target;
  if (!box.matches || !box.matches("[data-area-not-relevant]") || !box.checked) {
    return;
  }
  var area = box.closest("[data-fsiii-area]");
  if (!area) {
    return;
  }
  area.querySelectorAll("select").forEach(function (select) {
    select.value = "9";
  });
});
// Content htmx swaps in (a planning proposal, a worklist) gets the same labels on its table cells.
document.body && document.body.addEventListener("htmx:afterSettle", function (event) {
  if (!window.DKFDS || !window.DKFDS.ResponsiveTable) {
    return;
  }
  var swapped = event.detail.elt;
  var selector = "table[class*='responsive-headers']";
  var tables = Array.prototype.slice.call(swapped.querySelectorAll(selector));
  if (swapped.matches && swapped.matches(selector)) {
    tables.push(swapped);
  }
  tables.forEach(function (table) {
    new window.DKFDS.ResponsiveTable(table);
  });
});
