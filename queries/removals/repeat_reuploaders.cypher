// Accounts whose removed content keeps coming back: those on at least $min_alerts alerts.
// params: min_alerts, limit
MATCH (al:ReuploadAlert)
UNWIND al.accounts AS account
WITH account, count(al) AS alerts, collect(DISTINCT al.content_id) AS contents
WHERE alerts >= $min_alerts
RETURN account, alerts, contents
ORDER BY alerts DESC, account
LIMIT $limit
