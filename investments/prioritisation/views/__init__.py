"""The prioritisation pages: `setup` (the round, its method, candidates, data, evaluators, the steps), `scoring` (the
evaluators' sheets, the consolidation, the publication), `results` (the ranking and the exports) and `public` (the
citizens' pages: the rounds, the consultation, the published ranking)."""
