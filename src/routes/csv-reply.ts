// CSV downloads: UTF-8 with a byte-order mark (so spreadsheets read accents right), as an attachment.
import type { FastifyReply } from 'fastify';

export function sendCsv(reply: FastifyReply, filename: string, csv: string): FastifyReply {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(`\uFEFF${csv}`);
}
