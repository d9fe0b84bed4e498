"""Alembic environment: runs on the connection handed over by todo_chatbot.infra.migrate."""

from alembic import context
from sqlmodel import SQLModel

from todo_chatbot import models  # noqa: F401  (registers the tables)

target_metadata = SQLModel.metadata
connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
