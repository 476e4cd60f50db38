window.YTD.following.part0 = [
  {
    "following" : {
      "accountId" : "783214",
      "userLink" : "https://twitter.com/intent/user?user_id=783214"
    }
  },
  {
    "following" : {
      "accountId" : "12",
      "userLink" : "https://twitter.com/intent/user?user_id=12"
    }
  },
  {
    "following" : {
      "accountId" : "2244994945",
      "userLink" : "https://twitter.com/intent/user?user_id=2244994945"
    }
  },
  {
    "following" : {
      "accountId" : "50393960",
      "userLink" : "https://twitter.com/intent/user?user_id=50393960"
    }
  },
  {
    "following" : {
      "accountId" : "44196397",
      "userLink" : "https://twitter.com/intent/user?user_id=44196397"
    }
  },
  {
    "following" : {
      "accountId" : "17919972",
      "userLink" : "https://twitter.com/intent/user?user_id=17919972"
    }
  },
  {
    "following" : {
      "accountId" : "813286",
      "userLink" : "https://twitter.com/intent/user?user_id=813286"
    }
  },
  {
    "following" : {
      "accountId" : "1605",
      "userLink" : "https://twitter.com/intent/user?user_id=1605"
    }
  },
  {
    "following" : {
      "accountId" : "19397785",
      "userLink" : "https://twitter.com/intent/user?user_id=19397785"
    }
  },
  {
    "following" : {
      "accountId" : "3108351",
      "userLink" : "https://twitter.com/intent/user?user_id=3108351"
    }
  },
  {
    "following" : {
      "accountId" : "759251",
      "userLink" : "https://twitter.com/intent/user?user_id=759251"
    }
  },
  {
    "following" : {
      "accountId" : "14159148",
      "userLink" : "https://twitter.com/intent/user?user_id=14159148"
    }
  },
  {
    "following" : {
      "accountId" : "5402612",
      "userLink" : "https://twitter.com/intent/user?user_id=5402612"
    }
  },
  {
    "following" : {
      "accountId" : "1367531",
      "userLink" : "https://twitter.com/intent/user?user_id=1367531"
    }
  },
  {
    "following" : {
      "accountId" : "25073877",
      "userLink" : "https://twitter.com/intent/user?user_id=25073877"
    }
  },
  {
    "following" : {
      "accountId" : "16303106",
      "userLink" : "https://twitter.com/intent/user?user_id=16303106"
    }
  },
  {
    "following" : {
      "accountId" : "15846407",
      "userLink" : "https://twitter.com/intent/user?user_id=15846407"
    }
  },
  {
    "following" : {
      "accountId" : "14677919",
      "userLink" : "https://twitter.com/intent/user?user_id=14677919"
    }
  },
  {
    "following" : {
      "userLink" : "https://twitter.com/intent/user?user_id="
    }
  },
  {
    "following" : {
      "accountId" : "not-a-number",
      "userLink" : "https://twitter.com/intent/user?user_id=x"
    }
  }
]