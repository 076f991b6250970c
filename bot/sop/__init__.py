"""The procedure and its clock: the office's SOP for public complaints, declared.

`stages` names the ten steps' stages and how each reads to a complainant; `workflow` declares
who may move a complaint from which stage to which, with what input; `hours` and `holidays`
give service time (opening hours, public holidays, collective leave) in the office's zone;
`deadlines` computes each step's deadline in service minutes and who is reminded or
escalated to, and `sweep` finds the notices due now and queues each exactly once.
"""
