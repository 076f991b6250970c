"""The benchmark's scripted complainant files a complaint in its twelve turns (one more where
the type asks the wished outcome, one more where a late passport told under another type is
asked its application number), whatever story and type it draws (`make bench` counts one
complaint and one alert per complainant: a script that drifts from the conversation shows as
lost complaints, not as a slower bot). Filed by name too (`named`, the alert section's: an
anonymous complaint reaches no officer before its slot), each complaint then named."""
from __future__ import annotations

import pytest

from scripts import loadgen
from tests.support.twilio_chat import TwilioSender

pytestmark = pytest.mark.timeout(300)


@pytest.mark.parametrize("named", [False, True], ids=["anonymous", "named"])
def test_every_story_and_type_the_script_draws_files_a_complaint(bot_app, clock, named):
    app, runtime = bot_app
    combos = len(loadgen.STORIES) * 8
    filed = 0
    for index in range(combos):
        phone = TwilioSender(app.test_client(), runtime.config.settings,
                             number=f"+6281299{index:06d}", profile_name="Bench")
        story, kind, script = loadgen.plan(index, named)
        ticket = ""
        for step in script:
            clock.advance(seconds=2)                     # a person's pace: no flood limit
            said = phone.says(step.format(story=story, type=kind, ticket=ticket))
            found = loadgen.TICKET.search(said.encode())
            if found and "tercatat" in said:
                ticket = found.group(0).decode()
        assert ticket, (story, kind, said)
        assert ticket in said                            # the last turn: its status
        with runtime.store.unit() as unit:
            mode = unit.complaint_by_ticket(ticket).identity_mode
        assert mode == ("named" if named else "anonymous"), (story, kind, mode)
        filed += 1
    assert filed == combos
