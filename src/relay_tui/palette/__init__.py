"""The command palette (`ctrl+p`): the actions of the screen in view and of its focused tab,
read from their keys; every tab of the project in view, the dashboard and the board by
name; the app's actions and exports; every project by name.

- `provider`: `RelayCommands`, the provider the app installs (`RelayApp.COMMANDS`);
- `entry`: a line of the palette, and how typed words find it;
- `screen_keys`: the entries of the keys of the screen in view;
- `places`: "Go to tab: …" and "Open <project>";
- `app_actions`: `ACTIONS`, the app's actions and exports.
"""

from relay_tui.palette.app_actions import ACTIONS, AppAction
from relay_tui.palette.provider import RelayCommands

__all__ = ["ACTIONS", "AppAction", "RelayCommands"]
