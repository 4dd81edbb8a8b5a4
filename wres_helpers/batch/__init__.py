"""The batch out: running many reports and auditing what they publish.

Owns the runner (papermill kernels, nbconvert pages, the index per
audience) and the audit of a public folder. May import every other stage.
"""
