window.YTD.following.part0 = [
  {
    "following" : {
      "accountId" : "12"
    }
  },
  {
    "following" : {
      "accountId" : "13",
  }
]