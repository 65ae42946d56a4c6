"""Ideas and reports from neighbours: the steps, the wall, the desk's follow-up, slips, export."""
