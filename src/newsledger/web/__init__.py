"""newsledger.web"""
