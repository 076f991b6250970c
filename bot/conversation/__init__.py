"""The complainant's side: the conversation engine and its declared steps.

`engine.Engine` takes one channel-neutral `Inbound` message, runs one turn in one transaction
(log, dedupe, lock the conversation, run the step, save, queue replies and events) and returns
channel-neutral `Reply` objects. Each state of the conversation is a `Step` registered in
`step.REGISTRY` with its question, its answer parser and the states it may go to: `menu` (the
menu, the information menu, resuming), `story` (the story in bubbles), `scope` (not
immigration), `intake` (type, reference number, when, where, who, evidence, wished outcome),
`reporter` (identity), `confirm` (summary, edit, filing), `commands` (cancel with confirmation,
back, menu, help, privacy, status), `status` and `rating`. `flow` orders the questions,
`draft` keeps a complaint being written; `understand`, `when` and `reading` read free text and
the NLU's answer, `routing` decides what a message at the menu asks for, `info` answers
information questions from config.yml, `texts`/`texts_intake` hold everything the bot says in
Indonesian and English, and `diagram` prints the state diagram.
It never imports the officers' desk, a channel SDK or SQL.
"""
