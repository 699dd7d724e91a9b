"""The review page alone, for AppTest (on the folder or store MAPVIEW_DATA names).

A file rather than `AppTest.from_function`: that leaves its temporary script as the main
module, which Dask's worker processes, started later in the same test session, re-run."""

from mapview.dashboard import review_page

review_page.render()
