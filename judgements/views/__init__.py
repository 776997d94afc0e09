"""Thin views for evidence and judgements: parse the request, call a selector or service, render.

Every view first fetches the inspection for the user, so anyone not on the team gets 404. Team
members who try a write they may not make get 403 from `judgements.permissions`' checks, which
the service makes again.
"""
