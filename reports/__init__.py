"""Paper and spreadsheets made from domain data.

``reports.pdf`` holds one module per printed document plus the shared font
resolver and layout toolkit; ``reports.excel`` the spreadsheet writers. Every
builder returns bytes (or writes a path) and never opens a window.
"""
