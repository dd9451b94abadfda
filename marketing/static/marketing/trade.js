/* The trade pages: the counter's search, steppers and live total; one submission per form;
   print buttons. Without JavaScript the counter still works: quantities are typed and the
   server computes the total. The server always recomputes the total with its own prices. */
(function () {
  "use strict";

  var rupiah = function (amount) {
    return "Rp " + String(Math.round(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  };

  var counter = document.querySelector("form[data-counter]");
  if (counter) {
    var rows = Array.prototype.slice.call(counter.querySelectorAll("[data-counter-row]"));
    var totalEl = counter.querySelector("[data-counter-total]");
    var search = counter.querySelector("[data-counter-search]");

    var quantityOf = function (row) {
      var value = parseInt(row.querySelector("input[name='quantity']").value, 10);
      return isNaN(value) || value < 0 ? 0 : value;
    };
    var update = function () {
      var total = 0;
      rows.forEach(function (row) {
        var qty = quantityOf(row);
        total += qty * parseInt(row.getAttribute("data-price"), 10);
        row.classList.toggle("list-group-item-primary", qty > 0);
      });
      if (totalEl) { totalEl.textContent = rupiah(total); }
    };
    rows.forEach(function (row) {
      var input = row.querySelector("input[name='quantity']");
      var max = parseInt(row.getAttribute("data-stock"), 10);
      input.addEventListener("input", update);
      row.querySelectorAll("[data-step]").forEach(function (button) {
        button.addEventListener("click", function () {
          var next = quantityOf(row) + parseInt(button.getAttribute("data-step"), 10);
          next = Math.max(0, Math.min(isNaN(max) ? next : max, next));
          input.value = next === 0 ? "" : String(next);
          update();
        });
      });
    });
    if (search) {
      search.addEventListener("input", function () {
        var words = search.value.toLowerCase().trim().split(/\s+/);
        rows.forEach(function (row) {
          var name = row.getAttribute("data-name") || "";
          var match = words.every(function (w) { return name.indexOf(w) !== -1; });
          row.hidden = !match && quantityOf(row) === 0;
        });
      });
      search.addEventListener("keydown", function (event) {
        if (event.key === "Enter") { event.preventDefault(); }  // Enter in the search never sells
      });
    }
    update();
  }

  /* One submission per page: a double tap sends the form once (the server's idempotency key
     makes a resend harmless anyway). */
  document.querySelectorAll("form[data-once]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.getAttribute("data-sent")) { event.preventDefault(); return; }
      form.setAttribute("data-sent", "1");
      form.querySelectorAll("button[type='submit']").forEach(function (b) {
        b.classList.add("disabled");
        b.setAttribute("aria-disabled", "true");
      });
    });
  });

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
}());
