"""Disaster recovery and security: diagnostic codes (PM66x validation, PM67x `pmcode check`)."""

from __future__ import annotations

from pmcode.codebook import Code, E, W

CODES: list[Code] = [
    # Validation (PM66x): operations/dr.yaml and operations/security.yaml contradict themselves.
    Code(
        "PM660",
        E,
        "DR test of an unknown system",
        "A DR test lists a system that is not in `systems` of operations/dr.yaml. Fix the id (see the 'did you "
        "mean'), or add the system to `systems`.",
    ),
    Code(
        "PM661",
        E,
        "System target looser than its tier's policy",
        "A system's `rto` or `rpo` allows more downtime or more data loss than the policy of its tier requires. "
        "Tighten the system's target to at most the tier's, move the system to the tier whose policy it really "
        "meets, or change the policy (with the business continuity committee's approval).",
    ),
    Code(
        "PM662",
        W,
        "Tier without a policy",
        "A system's tier has no entry in `policies`, so its targets and its test window cannot be judged. Add a "
        "policy for the tier (`rto`, `rpo`, `test_every_months`).",
    ),
    Code(
        "PM663",
        E,
        "Exception against an unknown control",
        "A security exception names a control that no framework of operations/security.yaml lists, or a control "
        "id that two frameworks share without saying which (`framework:`). Fix the control id, add the control, "
        "or name its framework.",
    ),
    Code(
        "PM664",
        E,
        "Exception expires before it was granted",
        "A security exception's `expires` date is before its `granted` date. Correct one of the dates.",
    ),
    # Checks (PM67x): judged at the portfolio's status date.
    Code(
        "PM670",
        W,
        "System not tested within its tier's window",
        "The last DR test that covered the system (any type) is older than its tier's `test_every_months` at "
        "the status date, or the system was never tested (its window then counts from `in_service`). Schedule "
        "a restore or failover test and record it under `tests`.",
    ),
    Code(
        "PM671",
        E,
        "DR test missed the RTO",
        "In the latest DR test of the system the recovery took longer than the system's RTO: the DR plan does "
        "not meet its target. Fix what slowed the recovery (runbook, replication, capacity), plan the follow-up "
        "actions and re-test; or, if the business accepts a longer outage, agree a looser target and move the "
        "system to the matching tier.",
    ),
    Code(
        "PM672",
        E,
        "DR test missed the RPO",
        "In the latest DR test of the system more data was lost than the system's RPO allows: the DR plan does "
        "not meet its target. Back up or replicate more often, then re-test; or agree a looser target with the "
        "business and move the system to the matching tier.",
    ),
    Code(
        "PM673",
        W,
        "Tier 1-2 system without an off-site copy",
        "A tier 1 or 2 system has no backup copy away from its primary site (`backup.offsite` is false or not "
        "said): a site-wide disaster would take the backups with it. Add an off-site or cloud copy and record "
        "`offsite: true` with `offsite_location`.",
    ),
    Code(
        "PM674",
        W,
        "DR follow-up action overdue",
        "A follow-up action of a DR test is still open after its due date at the status date. Close it "
        "(`status: done`, `done: <date>`), or agree a new due date with its owner.",
    ),
    Code(
        "PM675",
        E,
        "Backup cannot meet the RPO",
        "A system's backups are taken less often than its RPO: a disaster just before the next copy loses more "
        "data than the RPO allows. Back up (or replicate) at least as often as the RPO, or agree a looser RPO.",
    ),
    Code(
        "PM676",
        E,
        "Expired security exception still open",
        "A security exception is still `open` after its `expires` date: the control is unmet without approval. "
        "Meet the control and close the exception (`status: closed`), or have it renewed: a new `expires` date "
        "approved by the risk owner.",
    ),
    Code(
        "PM677",
        W,
        "Control review overdue",
        "An implemented or partial control was last reviewed more than `review_every_months` (default 12) "
        "before the status date, or never. Review it and set `last_review`.",
    ),
    Code(
        "PM678",
        E,
        "Implemented control without evidence",
        "A control marked `implemented` lists no evidence. Add what shows it works (a policy, a report, a "
        "ticket, with a link), or set its status to `partial` or `planned`.",
    ),
]
