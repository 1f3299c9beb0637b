import time, pytest
from pathlib import Path
from tests.screens.test_retro_and_after import *
from tests.screens.helpers import demo_store, make_app, running, settle

async def test_timing(db_path: Path, tmp_path_factory) -> None:
    with demo_store(db_path, tmp_path_factory) as demo:
        bakery = project_id(db_path, "Bakery website")
        app = make_app(demo, open_project=bakery)
        async with running(app) as pilot:
            t=time.perf_counter()
            pane = await open_after(pilot, "Bakery website"); print("open", time.perf_counter()-t); t=time.perf_counter()
            await press(pilot, "C"); print("C", time.perf_counter()-t); t=time.perf_counter()
            await press(pilot, "ctrl+s"); print("save", time.perf_counter()-t); t=time.perf_counter()
            await pilot.press(*"Marie sold"); print("type", time.perf_counter()-t); t=time.perf_counter()
            await settle(pilot); print("settle", time.perf_counter()-t); t=time.perf_counter()
            await press(pilot, "ctrl+s"); print("save2", time.perf_counter()-t); t=time.perf_counter()
