"""A deterministic demo portfolio for a fictional insurer, built through the import path.

The same seed gives the same people, systems and plans. Systems cycle through the six
templates and through six states of completeness; each state leaves out exactly these
things on purpose (the gap analysis must find them, and nothing else of note):

0. complete: production, every section filled in, nothing missing, signed off by every
   required role (so locked, with the hash of what was signed).
1. nearly ready (limited rollout): the training material is still a draft, the user
   guide is overdue for review, the user-feedback signal has no owner, and nobody is
   Responsible for continuous improvement.
2. pilot: the retraining owner approves their own retraining and is its Accountable,
   there is no rollback plan, one baseline has no baseline value, one data source has
   no refresh cadence.
3. limited rollout, 24x7: L1 support works business hours only, the SEV1 chain has a
   single level, the second SEV2 level has no target, an action item is overdue, and the
   plan does not say where the dashboards are.
4. pilot, regulated: no human review rule, the DPIA is missing (no owner, no location),
   nobody is Accountable for access control, and an inactive person is still assigned.
5. idea: the template's skeleton only; owners, contacts and evidence are all missing.

It is not a user action but a client of the operations, beside the CLI: it builds an
interchange document (``portfolio``), imports it through
``planner.operations.interchange.import_workspace`` and signs the complete systems through
``planner.operations.signoff`` (``signoff``).
"""

from planner.demo.portfolio import build_demo_document, create_demo

__all__ = ["build_demo_document", "create_demo"]
