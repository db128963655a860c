"""Spreadsheets (.xlsx, through openpyxl): the cell helpers every workbook shares
(`sheets.cells`: text never a formula, real dates, a filtered frozen header, fitted widths)
and the layouts of the workbooks dxtrack writes and reads.

Imported only by the renderers and the API that make or read a workbook, so openpyxl is
loaded only when a spreadsheet is asked for.
"""
