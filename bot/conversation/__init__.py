"""The complainant's side: the conversation engine and its declared steps.

`engine.Engine` takes one channel-neutral `Inbound` message, runs one turn in one transaction
(log, dedupe, lock the conversation, run the step, save, queue replies and events) and returns
channel-neutral `Reply` objects. Each state of the conversation is a `Step` registered in
`step.REGISTRY` with its question, its answer parser and the states it may go to: `menu`,
`intake` (the story, type, when, where, who, evidence, identity), `confirm` (summary, edit,
filing), `status` and `rating`. `choices` and `language` read free-text answers, `texts` holds
everything the bot says in Indonesian and English, and `diagram` prints the state diagram.
It never imports the officers' desk, a channel SDK or SQL.
"""
