"""From raw records to the observations every output reads: validate, reconcile, derive, load."""
