// The desk works without this script; with it, lists marked `data-filter` are filtered as
// the person types into the search box that names them (`data-filter-list`).
