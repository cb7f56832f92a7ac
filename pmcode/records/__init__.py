"""The rest of the job as data: requirements, RAID log, change control, status reports, meetings, quality and
audits, disaster recovery and security, strategy.

Each area is a subpackage with the same layers as the plan: `model` (frozen dataclasses built from a valid
document), `rules` (validation: references and consistency, no dates), `checks` (`pmcode check`: judged at the
status date), `codes` (its rows of the diagnostics table). `registry` lists them; the site pages are renderers
(pmcode/render/site_<area>.py).
"""
