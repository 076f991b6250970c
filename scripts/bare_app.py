"""The ceiling for the webhook benchmark: the same gunicorn set-up answering a bare route."""
from flask import Flask

app = Flask(__name__)


@app.post("/webhooks/twilio")
def bare() -> str:
    return ""
