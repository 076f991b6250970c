"""The officers' desk: commands, buttons and dialogues from officers in Telegram.

`desk.OfficerDesk` is the one entry point: an adapter hands it a neutral `OfficerUpdate`
(`requests`), and the desk owns the transaction in which it checks the roster and the SOP,
runs the action, logs the attempt in the append-only officer action log and queues its
answers. `views` renders what officers read (lists, one complaint, help), `files` answers
with documents and exports, `intake` is the `/catat` dialogue that records a complaint taken
by phone or in person, and `message` answers someone who asked to talk to an officer.
"""
