import WebSocket from 'ws';
import {formatBytes} from '../format.js';
import {errorText} from './failure.js';
import {quietly} from './quietly.js';
import {type Delivery, type ServerStatus} from './types.js';

export type SendContext = {
	/** The server's id, for the delivery. */
	id: string;
	/** Its status, to say why nothing was sent. */
	status: ServerStatus;
	/** A peer with more than this many bytes still waiting is skipped, not queued. */
	maxBufferedBytes: number;
	/** Called with the frame's size just before it is handed to the socket (counters). */
	sending(bytes: number): void;
};

/** Sends one text frame, unless the peer is not connected or not reading; never throws. */
export async function sendText(
	socket: WebSocket | undefined,
	text: string,
	{id, status, maxBufferedBytes, sending}: SendContext,
): Promise<Delivery> {
	if (socket?.readyState !== WebSocket.OPEN) {
		return {id, delivered: false, reason: `not connected (${status})`};
	}

	if (socket.bufferedAmount > maxBufferedBytes) {
		return {
			id,
			delivered: false,
			reason: `peer is not reading (${formatBytes(socket.bufferedAmount)} still waiting)`,
		};
	}

	const bytes = Buffer.byteLength(text);
	sending(bytes);
	return new Promise((resolve) => {
		const thrown = quietly(() => {
			socket.send(text, (error) => {
				resolve(
					error
						? {id, delivered: false, reason: errorText(error)}
						: {id, delivered: true, bytes},
				);
			});
		});
		if (thrown !== undefined) {
			resolve({id, delivered: false, reason: errorText(thrown)});
		}
	});
}
