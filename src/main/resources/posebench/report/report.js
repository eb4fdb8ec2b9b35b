// Sorts a table by the column whose heading is clicked: numbers by data-sort, other cells as text.
document.querySelectorAll('table.sortable').forEach(function (table) {
  table.querySelectorAll('thead th').forEach(function (th, column) {
    th.addEventListener('click', function () {
      var order = th.getAttribute('data-order') === 'asc' ? 'desc' : 'asc';
      table.querySelectorAll('thead th').forEach(function (other) { other.removeAttribute('data-order'); });
      th.setAttribute('data-order', order);
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      function key(row) {
        var cell = row.cells[column];
        var sort = cell.getAttribute('data-sort');
        return sort !== null && sort !== '' ? parseFloat(sort) : cell.textContent;
      }
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        var c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
        return order === 'asc' ? c : -c;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
});
// Opens every scope tree to the button's depth and closes what lies deeper.
document.querySelectorAll('button.open-depth').forEach(function (button) {
  button.addEventListener('click', function () {
    var depth = parseInt(button.getAttribute('data-depth'), 10);
    document.querySelectorAll('details.scope').forEach(function (details) {
      details.open = parseInt(details.getAttribute('data-depth'), 10) < depth;
    });
  });
});
