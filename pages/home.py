"""Home: the dashboard, or a welcome on the first visit."""

import streamlit as st

from lib import charts
from pages import blocks, cached, common, gate

gate.guard()
text = common.app_text()
today = common.today()
snapshot = common.snapshot()

st.title(f"🫶 {text.name}")
st.caption(text.tagline)
common.recovery_result()

if not snapshot.entries:
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
    view = cached.home(snapshot, today)
    blocks.status(view)
    blocks.focus_card(view, today, common.settings(snapshot))

    st.subheader("At a glance")
    blocks.chart(view.wheel_chart, view.wheel, "wheel")

    st.subheader("Trends")
    spans = {"12 weeks": 12, "26 weeks": 26, "1 year": 52, "All": None}
    span = st.segmented_control("Show", list(spans), default="26 weeks", key="trend_span")
    trends = cached.trends(snapshot, today, spans.get(span or "26 weeks"), view)
    blocks.chart(trends.trend_chart, trends.table, "trend")
    blocks.chart(trends.overall_chart, trends.overall, "overall")

    picked = blocks.chart(trends.heatmap_chart, trends.table, "heatmap", charts.WEEK_PICK)
    if picked.get(charts.WEEK_PICK):
        week = picked[charts.WEEK_PICK][0]["week"]
        st.switch_page("pages/check_in.py", query_params={"week": week})

    st.subheader("Does focusing help?")
    blocks.focus_effects(view.effects)

st.divider()
st.caption(text.disclaimer)
