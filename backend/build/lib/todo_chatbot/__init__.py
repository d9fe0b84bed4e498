"""todo-chatbot: a todo list you manage by chatting."""

__version__ = "1.0.0"
