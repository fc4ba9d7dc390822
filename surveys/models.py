# Survey rounds ("rondvraag") arrive with their own issue; the app is in place so that
# its models and migrations have a home from the start.
