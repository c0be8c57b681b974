import {type Alerts} from '../core/alerts/alerts.js';
import {alertRows, alertsDetail} from '../view/alert-text.js';

/**
What the screen shows of the alerts: the header's badge count and, while /alerts is open, its rows.
Read at each render: every alert adds a line to the pane, so the store renders after each one.
*/
export function useAlertsView(alerts: Alerts | undefined, isOpen: boolean) {
	const state = alerts?.snapshot();
	return {
		unseen: state?.unseen ?? 0,
		rows: isOpen ? alertRows(state?.list ?? []) : [],
		detail: isOpen ? alertsDetail(state) : '',
	};
}
