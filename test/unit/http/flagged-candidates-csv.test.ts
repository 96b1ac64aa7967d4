import { describe, expect, it } from 'vitest';
import { aMail } from '#test/support/mail.ts';
import { recruiterWorld } from '#test/support/recruiter-world.ts';

const HOSTILE = 'This job is a scam and you are a dick.';

describe('GET /candidates as CSV', () => {
  it("downloads a flag's whole list with a header row, defusing a name a spreadsheet would run", async () => {
    const w = recruiterWorld();
    for (const [i, name] of ['Bob Stone', '@SUM(1+1)*cmd', 'Di Prince, Jr'].entries()) {
      const notice = await w.sentNotice({
        applicationId: `app-${i}`,
        job: { id: 'job-1', title: 'Role job-1' },
        candidate: { name, email: `p${i}@example.com` },
      });
      w.clock.advance(3600_000);
      await w.inbound(aMail({ from: `p${i}@example.com`, to: w.replyTo(notice), body: HOSTILE }));
    }

    const response = await w.call('/candidates?flag=bridge-burned&limit=1', 'viewer', {
      headers: { accept: 'text/csv' },
    });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="flagged-bridge-burned.csv"');
    const lines = (await response.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'candidateId,name,jobId,jobTitle,flag,status,raisedAt,updatedAt,reason,unanswered,noticeId,email,replyText',
    );
    // Every page of the list (limit is a page size, not the export's), newest first.
    expect(lines.slice(1).map((line) => line.split(',')[1])).toEqual(['"Di Prince', "'@SUM(1+1)*cmd", 'Bob Stone']);
    expect(lines[1]).toContain(',"Di Prince, Jr",job-1,Role job-1,bridge-burned,raised,');
    // The address and what they wrote, as the cards show them.
    expect(lines[3]?.endsWith(`,p0@example.com,${HOSTILE}`)).toBe(true);
  });

  it('answers JSON unless asked for CSV, and refuses a caller without credentials either way', async () => {
    const w = recruiterWorld();
    const json = await w.call('/candidates?flag=warm&format=json', 'viewer', { headers: { accept: 'text/csv' } });
    expect(json.headers.get('content-type')).toContain('application/json');
    expect((await w.app.request('/candidates?format=csv')).status).toBe(401);
  });
});
