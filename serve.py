"""Start Closer's server: `streamlit run app.py`, with one Streamlit quirk worked around.

`make run` calls this; extra arguments go to `streamlit run` (e.g. --server.port).
"""

import sys

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

# With a folder named pages/ beside app.py, Streamlit runs the first session
# after a start in its old folder-based multipage mode, which does not know the
# url paths st.navigation declares: a deep link such as /check-in then shows a
# "Page not found" dialog over the right page (streamlit/streamlit#8860,
# #9992). app.py always uses st.navigation, so say so before any session starts.
PagesManager.uses_pages_directory = False

if __name__ == "__main__":
    sys.exit(cli.main(["run", "app.py", *sys.argv[1:]], prog_name="streamlit"))
