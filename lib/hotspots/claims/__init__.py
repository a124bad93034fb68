"""Stage 4, claims: the registry of checked statements and the rules that decide verdicts.

Nothing here computes a statistic: a rule takes evidence already computed and returns a
verdict from the fixed vocabulary.
"""
