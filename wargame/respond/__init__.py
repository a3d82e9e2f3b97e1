"""The responder: the drill's reference play, made of ordinary player actions.

See :mod:`wargame.respond.responder`.
"""

from wargame.respond.responder import AGREE, REACTION_S, Responder, Response, lever_actions, respond

__all__ = ["AGREE", "REACTION_S", "Responder", "Response", "lever_actions", "respond"]
