"""Django infrastructure that knows no feature: events, hooks, caching, middleware.

Content apps (strategy, followup, indicators, initiatives, reports …) register with it;
mechanism apps (search, opendata, public) and the infrastructure never import a
content app. See docs/architecture.md.
"""
