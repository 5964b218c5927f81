"""newsledger.api"""
