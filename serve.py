"""Start Closer's server: `streamlit run app.py`, with Closer's Streamlit workarounds applied.

`make run` calls this; extra arguments go to `streamlit run` (e.g. --server.port).
Plain `streamlit run app.py` serves the same pages; only this adds the
workarounds in ui/workarounds.py (no look-up of a public address).
"""

import sys

from streamlit.web import cli

from ui import workarounds

workarounds.apply_all()

if __name__ == "__main__":
    sys.exit(cli.main(["run", "app.py", *sys.argv[1:]], prog_name="streamlit"))
