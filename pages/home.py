"""Home: the dashboard, or a welcome on the first visit."""

import streamlit as st

from lib import charts, frames
from lib.weeks import IsoWeek
from pages import blocks, common, gate

gate.guard()
text = common.app_text()
today = common.today()
entries = common.saved_entries()

st.title(f"🫶 {text.name}")
st.caption(text.tagline)
common.recovery_result()

if not entries:
    with st.container(key="empty_state"):
        st.markdown(text.intro)
        start, sample = st.columns(2)
        if start.button("Start your first check-in", icon="✍️", type="primary", key="start"):
            st.switch_page("pages/check_in.py")
        sample.button(
            "Explore with sample data",
            icon="🧪",
            key="explore_sample",
            on_click=common.enter_sample_mode,
            help="A made-up history to look around with; it never touches your diary.",
        )
    st.subheader("The six practices")
    items = common.practices()
    for row in range(0, len(items), 2):
        # One row of columns at a time, so a phone stacks them in reading order.
        for column, item in zip(st.columns(2), items[row : row + 2], strict=False):
            with column:
                st.page_link(common.practice_page(item), label=f"{item.number}. {item.title}")
                st.caption(item.summary)
else:
    blocks.status(entries, today)
    blocks.focus_card(entries, today)
    history = frames.history_frame(entries, common.titles(), through=IsoWeek.of(today))

    latest = entries[-1].week
    title = "This week" if latest == IsoWeek.of(today) else f"Latest check-in: {latest.label()}"
    wheel = frames.wheel_frame(entries, common.titles(), latest)
    st.subheader("At a glance")
    blocks.chart(charts.wheel_chart(wheel, title), wheel, "wheel")

    st.subheader("Trends")
    spans = {"12 weeks": 12, "26 weeks": 26, "1 year": 52, "All": None}
    span = st.segmented_control("Show", list(spans), default="26 weeks", key="trend_span")
    recent = frames.window(history, spans.get(span or "26 weeks"))
    table = frames.history_table(recent)
    blocks.chart(charts.trend_chart(recent), table, "trend")
    overall = frames.overall_frame(recent)
    blocks.chart(charts.overall_chart(overall), overall, "overall")

    picked = blocks.chart(charts.heatmap_chart(recent), table, "heatmap", charts.WEEK_PICK)
    if picked.get(charts.WEEK_PICK):
        week = picked[charts.WEEK_PICK][0]["week"]
        st.switch_page("pages/check_in.py", query_params={"week": week})

    st.subheader("Does focusing help?")
    blocks.focus_effects(entries)

st.divider()
st.caption(text.disclaimer)
