"""``latgale-stats build``, in four modules:

* ``state``: the last build's manifest and the fingerprints that tell whether anything changed
  (cheap: a no-op build imports only this);
* ``plan``: which outputs are stale (pure functions, tested on their own);
* ``run``: the only place with processes, async and notebook kernels;
* ``make``: ``build()``, which reads the data, plans, runs, and swaps the new ``reports/`` in.
"""
