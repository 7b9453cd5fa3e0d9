"""Funding and Agenda 2030 impact, plain Python: the målkonflikt rule, the annual
compilation's sums, and Vega-Lite chart specifications."""
