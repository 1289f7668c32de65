"""Prioritising investments for the citizens' benefit (issue #21): the rounds' rules (`workflow`), what pages read
(`selectors`), who does what (`roles`), the generated methodology page (`methodology`), the staff and public pages and
the exports. The arithmetic is `investments.ranking`."""
