"""newsledger.store"""
