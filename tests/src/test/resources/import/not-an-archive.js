{"accountId": "12"}
