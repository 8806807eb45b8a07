"""Self-love: what it is, ideas to try, and your own history with it."""

from ui import practice_view

practice_view.render("self_love")
