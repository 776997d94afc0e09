"""The ground floor: helpers every app uses (GOV.UK form kit, model bases, history stamps).

Nothing in this package imports an app of the project; every app may import it.
"""
