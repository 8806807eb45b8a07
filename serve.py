"""Start Closer's server: `streamlit run app.py`, with one Streamlit quirk worked around.

`make run` calls this; extra arguments go to `streamlit run` (e.g. --server.port).
"""

import sys

from streamlit import net_util
from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

# With a folder named pages/ beside app.py, Streamlit runs the first session
# after a start in its old folder-based multipage mode, which does not know the
# url paths st.navigation declares: a deep link such as /check-in then shows a
# "Page not found" dialog over the right page (streamlit/streamlit#8860,
# #9992). app.py always uses st.navigation, so say so before any session starts.
PagesManager.uses_pages_directory = False

# To judge a WebSocket's Origin, Streamlit looks up this machine's public
# address on the internet (checkip.amazonaws.com) the first time a foreign
# origin knocks. Closer serves this computer only, so its addresses are
# loopback, and no request ever leaves the machine.
net_util._external_ip = "127.0.0.1"
net_util._internal_ip = "127.0.0.1"

if __name__ == "__main__":
    sys.exit(cli.main(["run", "app.py", *sys.argv[1:]], prog_name="streamlit"))
